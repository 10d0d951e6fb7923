"""The pieces of `make bench` (scripts/bench.py): the database, the servers, wrk, the report."""
