"""The email outbox (portal/ui/staff/outbox.py): only the call, as for every screen (portal/ui/navigation.py)."""

from portal.ui.staff.outbox import main

main()
