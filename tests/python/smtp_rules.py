"""A test SMTP handler that stores messages like aiosmtpd's Mailbox, but
answers some recipients the way real servers do: an address starting with
"refused" gets a permanent 550 at RCPT, and one starting with "busy" a
temporary 451 (and one starting with "closing" a 421, the code of a
server going away), so tests can watch the outbox tell the two apart. One starting
with "slow" is accepted after a fifth of a second, like a busy relay.

It also offers PIPELINING (RFC 2920), as postfix and most relays do, so the
sender's pipelined path meets these answers; aiosmtpd reads pipelined
commands in order, one at a time."""

import asyncio

from aiosmtpd.handlers import Mailbox


class Rules(Mailbox):
    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        # With this hook aiosmtpd leaves recording the greeting to the handler.
        session.host_name = hostname
        return responses[:-1] + ["250-PIPELINING", responses[-1]]

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("refused"):
            return "550 5.1.1 No such user here"
        if local.startswith("busy"):
            return "451 4.3.0 Try again later"
        if local.startswith("closing"):
            return "421 4.3.2 Service shutting down, try again later"
        if local.startswith("slow"):
            await asyncio.sleep(0.2)
        envelope.rcpt_tos.append(address)
        return "250 OK"
