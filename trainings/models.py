"""Training packages, events, sessions, participants, registration and attendance (issue: trainings)."""
