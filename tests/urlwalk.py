"""Walks the project's URL configuration: every named pattern, with its namespace and arguments."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str  # namespaced, e.g. "centers:detail"
    pattern: str
    arguments: tuple[str, ...]


def walk(patterns=None, namespace="", prefix="") -> list[Route]:
    routes = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner_ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            routes += walk(entry.url_patterns, inner_ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            name = f"{namespace}{entry.name}" if entry.name else f"<unnamed {pattern}>"
            routes.append(Route(name, pattern, tuple(entry.pattern.regex.groupindex)))
    return routes
