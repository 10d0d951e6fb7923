"""The platform's pages: entries (entries), questions and answers (questions), translations and
follow-ups (translations), and what is kept for offline reading (offline)."""
