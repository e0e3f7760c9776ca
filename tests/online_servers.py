"""Real servers on 127.0.0.1 for the online checks: a DNS server (dnslib) answering a small zone, and
an RDAP server (http.server) answering RDAP JSON as registries do (RFC 9083)."""
from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from dnslib import QTYPE, RCODE, RR
from dnslib.dns import DNSError
from dnslib.server import DNSLogger, DNSServer

INQUIRY_AT = datetime.fromisoformat("2026-11-26T10:00:00+08:00")

# name → record type → zone-file data; a name not here is NXDOMAIN.
ZONE = {
    "oldvalve.com": {"MX": ["10 mail.oldvalve.com."], "A": ["192.0.2.10"]},
    "www.oldvalve.com": {"A": ["192.0.2.10"], "AAAA": ["2001:db8::10"]},
    "mail.oldvalve.com": {"A": ["192.0.2.11"]},
    "newpump.com": {"A": ["192.0.2.20"]},                   # no MX: mail goes to the address (implicit MX)
    "nomail-trade.com": {"TXT": ['"v=spf1 -all"']},        # exists, with neither MX nor address
    "nullmx-trade.com": {"MX": ["0 ."], "A": ["192.0.2.30"]},  # says it takes no mail (RFC 7505)
    "silent-buyer.com": {},
}
SILENT = {"silent-buyer.com"}  # questions about these are never answered

# domain → registration date; a domain not here answers 404.
REGISTRY = {
    "oldvalve.com": datetime(2009, 3, 12, 17, 4, 31, tzinfo=timezone.utc),
    "newpump.com": (INQUIRY_AT - timedelta(days=30)).astimezone(timezone.utc),
    "nomail-trade.com": datetime(2015, 6, 1, tzinfo=timezone.utc),
    "nullmx-trade.com": datetime(2012, 1, 9, tzinfo=timezone.utc),
    "silent-buyer.com": datetime(2011, 5, 5, tzinfo=timezone.utc),
}


class ZoneResolver:
    """Answers from ZONE, after `delay` seconds; records every question asked."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.questions: list[tuple[str, str]] = []
        self.in_flight = 0
        self.peak_in_flight = 0  # the most questions being answered at one moment: >1 means they overlapped
        self._lock = threading.Lock()

    def resolve(self, request, handler):
        name = str(request.q.qname).rstrip(".").lower()
        qtype = QTYPE[request.q.qtype]
        self.questions.append((name, qtype))
        if name in SILENT:
            raise DNSError("never answered")  # dnslib's handler then sends nothing
        with self._lock:
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            time.sleep(self.delay)
        finally:
            with self._lock:
                self.in_flight -= 1
        reply = request.reply()
        records = ZONE.get(name)
        if records is None:
            reply.header.rcode = RCODE.NXDOMAIN
            return reply
        for data in records.get(qtype, []):
            reply.add_answer(*RR.fromZone(f"{name}. 300 IN {qtype} {data}"))
        return reply


class DnsServer:
    """A UDP DNS server on 127.0.0.1 and a free port, in a thread."""

    def __init__(self, delay: float = 0.0):
        self.resolver = ZoneResolver(delay)
        self.server = DNSServer(self.resolver, address="127.0.0.1", port=0, logger=DNSLogger(logf=lambda *_: None))
        self.port = self.server.server.server_address[1]
        self.server.start_thread()

    def stop(self) -> None:
        self.server.stop()
        self.server.server.server_close()


def rdap_document(domain: str, registered: datetime) -> dict:
    """A domain object as a registry's RDAP server returns it."""
    return {
        "objectClassName": "domain", "ldhName": domain.upper(), "handle": "2138514_DOMAIN_COM-VRSN",
        "rdapConformance": ["rdap_level_0", "icann_rdap_technical_implementation_guide_0"],
        "status": ["client transfer prohibited"],
        "events": [
            {"eventAction": "registration", "eventDate": registered.strftime("%Y-%m-%dT%H:%M:%SZ")},
            {"eventAction": "expiration", "eventDate": (registered + timedelta(days=3650)).strftime("%Y-%m-%dT%H:%M:%SZ")},
            {"eventAction": "last update of RDAP database", "eventDate": "2026-11-20T08:00:00Z"},
        ],
        "links": [{"value": f"https://rdap.example/domain/{domain}", "rel": "self",
                   "href": f"https://rdap.example/domain/{domain}", "type": "application/rdap+json"}],
    }


class RdapServer:
    """An RDAP server on 127.0.0.1 answering /domain/<name> from REGISTRY; records every path asked."""

    def __init__(self):
        self.paths: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                owner.paths.append(self.path)
                domain = self.path.rsplit("/", 1)[-1].lower()
                if self.path.startswith("/domain/") and domain in REGISTRY:
                    status, body = 200, rdap_document(domain, REGISTRY[domain])
                else:
                    status, body = 404, {"errorCode": 404, "title": "Not Found", "description": ["no such domain"]}
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/rdap+json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/domain/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@contextlib.contextmanager
def closed_port():
    """A port on 127.0.0.1 that refuses UDP and TCP alike, held so no other process can take it meanwhile:
    the UDP socket is connected elsewhere (a datagram from anyone else is answered "port unreachable") and
    the TCP socket is bound without listening (a connection attempt is reset)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp, socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
        udp.bind(("127.0.0.1", 0))
        udp.connect(("127.0.0.1", 9))
        port = udp.getsockname()[1]
        tcp.bind(("127.0.0.1", port))
        yield port
