"""The `portal` command: set up the store, seed the demo, manage staff, run the app."""

from __future__ import annotations

import sys

import typer

from db.engine import get_engine
from db.migrate import upgrade
from portal.config import get_settings
from portal.entry.links import link_url

app = typer.Typer(help="Amends, the service-recovery portal.", no_args_is_help=True)
staff_app = typer.Typer(help="Staff accounts.", no_args_is_help=True)
app.add_typer(staff_app, name="staff")


@app.command()
def migrate() -> None:
    """Bring the database to the newest schema."""
    settings = get_settings()
    upgrade(settings.db_url)
    typer.echo(f"Database is up to date: {settings.db_url}")


def _serve(port: int, address: str) -> None:
    """Serve the portal in this process (portal/asgi.py: uvicorn), so a signal to stop it (a service manager's
    SIGTERM, ``kill``) reaches the server itself; a server left as a child once outlived its parent on such a
    signal and went on holding the port."""
    from portal.asgi import serve

    sys.stdout.flush()  # what was printed (the demo's links) is read while the server runs, not once it stops
    serve(port, address)


@app.command()
def run(port: int = 8501, address: str = "0.0.0.0") -> None:
    """Serve the portal (run `portal migrate` first)."""
    _serve(port, address)


@app.command()
def demo(port: int = 8501, address: str = "127.0.0.1", serve: bool = True) -> None:
    """Create the demo database, seed the demo business, print the links and serve the portal."""
    from portal.delivery.mailer import describe_transport
    from portal.seed import seed_demo, seed_demo_cases

    settings = get_settings()
    if settings.mode != "demo":
        typer.echo("`portal demo` only runs in demo mode (PORTAL_MODE=demo).", err=True)
        raise typer.Exit(2)
    upgrade(settings.db_url)
    logins = seed_demo(get_engine(settings.db_url), settings)
    seed_demo_cases(get_engine(settings.db_url), settings)  # the queue shows SLA clocks from the start
    get_engine(settings.db_url).dispose()  # the server opens its own connections; none is handed over to it
    base = f"http://localhost:{port}"
    typer.echo("")
    typer.echo(f"  Amends demo for {settings.business_name}")
    typer.echo(f"  Customer link (personal invite): {link_url(base, logins.invite_token)}")
    typer.echo(f"  Customer link (public):          {base}/")
    typer.echo(f"  Staff login: {base}/staff  email {logins.staff_email}  password {logins.staff_password}")
    typer.echo(f"  API: {base}/api/v1  key {logins.api_key}  (invites:write, cases:read; README: Connect your systems)")
    typer.echo(f"  Emails (the public link's confirmation codes too): {describe_transport(settings)}")
    typer.echo("")
    if serve:
        _serve(port, address)


@app.command()
def worker(
    once: bool = typer.Option(False, "--once", help="Do one pass and exit (for cron)."),
    interval: float | None = typer.Option(
        None, "--interval", help="Seconds between passes (default PORTAL_WORKER_INTERVAL_SECONDS)."
    ),
    checkins_ahead: int = typer.Option(
        0,
        "--checkins-ahead",
        min=0,
        max=14,
        help="Demo only, with --once: also send check-ins due within this many days.",
    ),
) -> None:
    """Send the email outbox and the check-ins that are due (run one or more of these next to the portal)."""
    from datetime import datetime, timedelta

    from portal.delivery.mailer import describe_transport
    from portal.delivery.worker import PassReport, run_forever, run_once
    from portal.logs import describe, hide_error_messages

    hide_error_messages()
    settings = get_settings()
    if checkins_ahead and (settings.mode != "demo" or not once):
        typer.echo("--checkins-ahead only works in demo mode, with --once.", err=True)
        raise typer.Exit(2)
    engine = get_engine(settings.db_url)
    typer.echo(f"Delivering to {describe_transport(settings)}")
    if once:
        report = run_once(engine, settings, checkins_ahead=timedelta(days=checkins_ahead) if checkins_ahead else None)
        typer.echo(report.summary())
        raise typer.Exit(0)

    def on_pass(report: PassReport) -> None:
        typer.echo(f"{datetime.now():%H:%M:%S} {report.summary()}")

    def on_error(error: Exception) -> None:
        typer.echo(f"{datetime.now():%H:%M:%S} pass failed: {describe(error)}", err=True)

    try:
        run_forever(engine, settings, interval=interval, on_pass=on_pass, on_error=on_error)
    except KeyboardInterrupt:
        typer.echo("Stopped.")


@staff_app.command("add")
def staff_add(
    email: str = typer.Argument(..., help="Their login email."),
    name: str = typer.Option(..., "--name", help="Full name, as customers will see it."),
    role: str = typer.Option("agent", "--role", help="agent or manager."),
    title: str = typer.Option("", "--title", help="Job title shown to customers."),
    password: str = typer.Option(..., "--password", prompt=True, hide_input=True, confirmation_prompt=True),
) -> None:
    """Create a staff account (or reset an existing one's password and role)."""
    from portal.back_office.staff import StaffError, add_staff

    settings = get_settings()
    try:
        member = add_staff(
            get_engine(settings.db_url), email=email, name=name, role=role, title=title, password=password
        )
    except StaffError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Staff account ready: {member.email} ({member.role})")


if __name__ == "__main__":
    app()
