"""What leaves the portal after a commit: the email outbox, the mailer, webhooks and the worker that sends them."""
