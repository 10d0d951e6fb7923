"""The trainings pages, one module per sub-domain (trainings/urls.py names each view by its module).

Every view fetches and authorises its record in one call (`selectors.<entity>_for_user_or_404`),
runs its service through `core.viewhelpers.run_service` and asks the workflows
(`trainings.workflows`) which actions to offer.
"""
