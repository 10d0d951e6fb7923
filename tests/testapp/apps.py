from django.apps import AppConfig


class TestAppConfig(AppConfig):
    name = "tests.testapp"
    label = "testapp"

    def ready(self):
        from core.files import register_download_rule
        from tests.testapp.models import Attachment

        register_download_rule(Attachment, lambda user, obj, field: user.is_authenticated and obj.owner_id == user.pk)
