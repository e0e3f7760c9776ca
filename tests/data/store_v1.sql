-- A history file as version 1 of the store wrote it (schema_version 1): the request as sent, the
-- verdict, the current status only. tests/test_store_migrations.py builds the file from this
-- script and proves that opening it upgrades it in place. Never edit: it is what users' files hold.
PRAGMA journal_mode=WAL;
CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
CREATE TABLE inquiries (
    id TEXT PRIMARY KEY,
    stored_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    platform TEXT NOT NULL,
    request TEXT NOT NULL,
    verdict TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'new',
    status_at TEXT
);
CREATE INDEX inquiries_received ON inquiries (received_at);
INSERT INTO schema_version VALUES (1, '2026-03-01T08:00:00.000000+00:00');
INSERT INTO inquiries VALUES (
    '7f3c2a9e0b1d4c5e8f6a7b8c9d0e1f20', '2026-03-12T03:02:11.120000+00:00', '2026-03-12T02:41:00.000000+00:00', 'alibaba',
    '{"platform":"alibaba","inquiry":{"subject":"COB LED strip 24V 5m - quote for 1,200 rolls","message":"Price per roll at 1,200 and 3,000 rolls please, UL adapter, retail box.","product":"COB LED strip 24V 5m"},"buyer":{"name":"Matt Kowalczyk","company":"Brightline Home LLC","email":"Matt@BrightlineHome.com","phone":"+1 (614) 829-3307","website":"https://www.brightlinehome.com","country":"United States"},"store":true}',
    '{"credibility":{"score":86,"level":"trusted"},"intent":{"category":"clear_intent","subtype":null,"confidence":0.9},"buyer_type":{"type":"retailer_wholesaler","confidence":0.7},"decision_maker":true,"badge":{"color":"green","label":{"zh":"可信买家，优先回复","en":"Trusted buyer: reply first"}}}',
    'replied', '2026-03-12T06:30:00.000000+00:00');
INSERT INTO inquiries VALUES (
    '0a1b2c3d4e5f60718293a4b5c6d7e8f9', '2026-04-02T09:15:00.000000+00:00', '2026-04-02T09:10:00.000000+00:00', 'made_in_china',
    '{"platform":"made_in_china","inquiry":{"subject":"Kettles for our hypermarkets","message":"We plan to add a second supplier for SASO kettles next season."},"buyer":{"name":"Faisal Al-Harbi","company":"Al Noor Hypermarkets Co.","email":"faisal.alharbi@gmail.com","mobile":"+966 50 123 4567","country":"Saudi Arabia"},"store":true}',
    '{"credibility":{"score":58,"level":"plausible"},"intent":{"category":"potential","subtype":"adding_supplier","confidence":0.7},"buyer_type":{"type":"supermarket_chain","confidence":0.6},"decision_maker":null,"badge":{"color":"green","label":{"zh":"看起来真实","en":"Looks genuine"}}}',
    'new', NULL);
INSERT INTO inquiries VALUES (
    'ffeeddccbbaa99887766554433221100', '2026-04-20T01:00:00.000000+00:00', '2026-04-20T00:58:00.000000+00:00', 'email',
    '{"platform":"email","inquiry":{"subject":"Free samples","message":"Send free samples, we do not pay shipping."},"buyer":{"email":"samples4u@yahoo.com"},"store":true}',
    '{"credibility":{"score":20,"level":"suspicious"},"intent":{"category":"spam","subtype":"free_sample_hunter","confidence":0.9},"buyer_type":{"type":"unknown","confidence":0.0},"decision_maker":null,"badge":{"color":"red","label":{"zh":"垃圾/诈骗询盘，勿跟进","en":"Spam or scam: do not engage"}}}',
    'spam', '2026-04-20T02:00:00.000000+00:00');
