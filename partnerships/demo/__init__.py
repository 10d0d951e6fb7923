"""Demo data of partnerships (seed_demo, order 90, after the CSOs, events and platform entries):
partners with relationships both ways, agreements in every state, exchange visits with follow-ups
due and done, coalitions, and initiatives open for signature or delivered with a response. Each
sub-domain seeds its own part, in this order (the later ones use the partners)."""

from partnerships.demo import agreements, coalitions, initiatives, partners, visits


def seed(*, scale: int, stdout) -> list[tuple[str, str]]:
    for part in (partners, agreements, visits, coalitions, initiatives):
        part.seed(scale=scale, stdout=stdout)
    return []
