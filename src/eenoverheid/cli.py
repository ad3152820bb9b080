"""The `eenoverheid` console command.

`eenoverheid serve` brings the whole platform up (migrations, first-run data, static
files, task worker, production web server). Every other subcommand is a Django
management command, with dashes allowed: `eenoverheid import-organizations`.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys

# What an empty database gets on the first `serve`: the register, the skills, and a demo
# population (the demo accounts plus 300 generated civil servants, so that the expertise
# finder has people to find).
FIRST_RUN_COMMANDS = [
    ("import_organizations", []),
    ("import_skills", []),
    ("demo", ["--people", "300"]),
]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenoverheid.settings")
    if argv and argv[0] == "serve":
        return serve(argv[1:])
    if argv and not argv[0].startswith("-"):
        argv[0] = argv[0].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["eenoverheid", *argv])
    return 0


def prepare(*, verbosity: int = 1) -> None:
    """Migrate, load the register and demo data into an empty database, collect static
    files. Safe to run on every start."""
    import django
    from django.core.management import call_command, get_commands

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from django.contrib.auth import get_user_model

    if not get_user_model().objects.exists():
        available = get_commands()
        for command, arguments in FIRST_RUN_COMMANDS:
            if command in available:
                print(f"Eerste start: {command} ...", flush=True)
                call_command(command, *arguments, verbosity=verbosity)
    from eenoverheid.search.services import index_needs_rebuild

    if index_needs_rebuild():
        print("Zoekindex opnieuw opbouwen / rebuilding the search index ...", flush=True)
        call_command("rebuild_search_index", verbosity=verbosity)
    call_command("collectstatic", interactive=False, verbosity=0)


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="eenoverheid serve")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
    parser.add_argument("--no-task-worker", action="store_true", help="do not start a worker")
    args = parser.parse_args(argv)

    prepare()
    from eenoverheid.core.demo import DEMO_ACCOUNTS, demo_password

    processes: list[subprocess.Popen] = []
    if not args.no_task_worker:
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "eenoverheid.cli",
                    "db_worker",
                    "--queue-name",
                    "*",
                    "--no-reload",
                    "--interval",
                    "1",
                ]
            )
        )
    web = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "eenoverheid.wsgi:application",
            "--bind",
            f"{args.host}:{args.port}",
            "--workers",
            str(args.workers),
            "--threads",
            "4",
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "10",
        ]
    )
    processes.append(web)
    print(f"\nEén Overheid draait op http://{args.host}:{args.port}/", flush=True)
    print("Demo-aanmelding / demo sign-in:", flush=True)
    for email, role in DEMO_ACCOUNTS:
        print(f"  {email}  /  {demo_password()}   ({role})", flush=True)
    print("Stoppen / stop: Ctrl-C\n", flush=True)
    try:
        return web.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
