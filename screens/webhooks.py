"""Managers: webhooks (portal/ui/staff/webhooks.py): only the call, as for every screen (portal/ui/navigation.py)."""

from portal.ui.staff.webhooks import main

main()
