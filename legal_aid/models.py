"""Legal-aid requests, cases, notes, deadlines and referrals (issue: legal assistance)."""
