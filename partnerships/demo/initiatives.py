"""Demo initiatives: written by its sub-domain."""


def seed(*, scale: int, stdout) -> None:
    return None
