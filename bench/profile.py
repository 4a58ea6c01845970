"""Profile `make bench`'s endpoints in-process: `python -m bench.profile NAME [NAME ...]`.

Each endpoint is requested with Django's test client as its benchmark user, once to warm
up, then `--repeat` times timed and `--repeat` times under cProfile; prints ms per request
and the profile's top lines (own time and cumulative). Uses the data already in the
benchmark database (DATABASE_URL, as `make bench`); `--list` names the endpoints.
"""

import argparse
import cProfile
import io
import pstats
import sys
import time


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="tottime,cumulative")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    from bench.run import configure_environment

    configure_environment()
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from bench import endpoints

    users = endpoints.bench_users()
    plan = endpoints.build(users, needed_posts=1) + endpoints.mixed_pages(users)
    if args.list:
        for endpoint in plan:
            print(endpoint.name, endpoint.role, endpoint.path)
        return
    sessions = {}
    for endpoint in [e for e in plan if e.name in args.names]:
        if endpoint.role not in sessions:
            sessions[endpoint.role] = endpoints.sign_in(users.get(endpoint.role))
        session = sessions[endpoint.role]
        client = Client()
        if session.user is not None:
            client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        headers = {"HX-Request": "true"} if endpoint.htmx else {}

        def get(client=client, path=endpoint.path, headers=headers):
            response = client.get(path, headers=headers)
            assert response.status_code == 200, response.status_code
            return response

        size = len(get().content)
        started = time.perf_counter()
        for _ in range(args.repeat):
            get()
        ms = (time.perf_counter() - started) * 1000 / args.repeat
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.repeat):
            get()
        profile.disable()
        print(f"=== {endpoint.name} ({endpoint.role}, {endpoint.path}): {ms:.1f} ms, {size:,} bytes")
        for key in args.sort.split(","):
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out).strip_dirs().sort_stats(key)
            stats.print_stats(args.top)
            lines = out.getvalue().splitlines()
            start = next(i for i, line in enumerate(lines) if "ncalls" in line)
            print(f"--- by {key}, {args.repeat} requests")
            print("\n".join(line for line in lines[start - 2 :] if line.strip()))
    endpoints.end_sessions([s for s in sessions.values() if s.user is not None])


if __name__ == "__main__":
    main()
