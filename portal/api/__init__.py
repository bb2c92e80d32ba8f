"""The API for the business's own systems (``/api/v1``): keys (keys), the gate every request passes (gate: key, rate
limit, body limits, audit) and its per-key windows (limits), the FastAPI application and its routes (app, schemas,
problems), and the services behind them (invites, cases)."""
