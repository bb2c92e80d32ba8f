"""Staff: invite a customer (portal/ui/staff/invite.py): only the call, as for every screen (portal/ui/navigation.py)."""

from portal.ui.staff.invite import main

main()
