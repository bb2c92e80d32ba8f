"""Managers: API keys (portal/ui/staff/api_keys.py): only the call, as for every screen (portal/ui/navigation.py)."""

from portal.ui.staff.api_keys import main

main()
