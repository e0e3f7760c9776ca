"""`python -m inquiry_lens` is the same as the `inquiry-lens` command."""
from inquiry_lens.cli.main import main

raise SystemExit(main())
