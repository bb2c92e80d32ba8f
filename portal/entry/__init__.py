"""How a customer gets in: capability links and their tokens, invites, and public intake."""
