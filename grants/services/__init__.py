"""Every write of grants, one module per sub-domain (keyword-only functions taking the actor).

Services stand on the models, `grants.rules` and `grants.selectors`; the ones that queue work import
`grants.tasks`, whose tasks call only the leaf services `documents` and `reminders` (which import no
other service), so no import goes back up.
"""
