"""A case's life: the customer's conversation turned into a case, its states, remedies, staff decisions and follow-up."""
