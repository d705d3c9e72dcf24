#!/usr/bin/python3
"""A real SMTP server for the tests, on Debian's python3-aiosmtpd.

Binds 127.0.0.1 (port 0 = a free one), prints "ready PORT" on stdout when it accepts connections, and writes every
message it accepts to --dir as NNNN.eml (the raw message) plus NNNN.json (envelope and login), each written to a
temporary name first and renamed, so a test never reads half a file. Options: --auth USER:PASSWORD (login required),
--starttls CERT KEY (offer STARTTLS; required with --auth), --tls CERT KEY (implicit TLS).
"""
import argparse
import asyncio
import itertools
import json
import os
import ssl
import sys
import time

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Recorder:
    def __init__(self, folder):
        self.folder = folder
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        number = next(self.counter)
        base = os.path.join(self.folder, f"{number:04d}")
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "login": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "received_at": time.time(),
        }
        for suffix, data in ((".eml", envelope.original_content), (".json", json.dumps(meta).encode())):
            with open(base + suffix + ".tmp", "wb") as f:
                f.write(data)
            os.rename(base + suffix + ".tmp", base + suffix)
        return "250 2.0.0 Ok: queued as %04d" % number


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password:
            return AuthResult(success=True, auth_data=auth_data)
        return AuthResult(success=False, handled=False)
    return check


def context(cert, key):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    return ctx


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--auth")
    parser.add_argument("--starttls", nargs=2)
    parser.add_argument("--tls", nargs=2)
    args = parser.parse_args()
    recorder = Recorder(args.dir)
    options = {}
    if args.auth:
        user, password = args.auth.split(":", 1)
        options.update(authenticator=authenticator(user, password), auth_required=True,
                       auth_require_tls=bool(args.starttls or args.tls))
    if args.starttls:
        options.update(tls_context=context(*args.starttls), require_starttls=True)

    def factory():
        return SMTP(recorder, hostname="testsmtp", **options)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, "127.0.0.1", args.port, ssl=context(*args.tls) if args.tls else None)
    print("ready %d" % server.sockets[0].getsockname()[1], flush=True)
    # Ends when the test closes our stdin (or kills us).
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
