"""Managers: a customer's personal data (portal/ui/staff/privacy.py): only the call, as for every screen (portal/ui/navigation.py)."""

from portal.ui.staff.privacy import main

main()
