from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "results"
    verbose_name = _("Results reporting")

    def ready(self):
        from core import demo as demo_registry
        from core import exports, navigation, panels
        from core.files import register_download_rule
        from notifications import kinds
        from results import demo, permissions
        from results import panels as results_panels
        from results.exporters import IATI_EXPORT, LOGFRAME_EXPORT, REPORT_EXPORT
        from results.models import ManualValue

        panels.register(
            page=panels.DASHBOARD,
            key="headline_indicators",
            template="results/partials/headline_panel.html",
            visible=permissions.shows_headlines,
            context=results_panels.headline_panel,
            order=4,
        )
        navigation.register_group(key="results", label=_("Results"))
        for key, label, url_name, visible, order in (
            ("results_dashboard", _("Results dashboard"), "results:dashboard", permissions.reads_results, 65),
            ("results_logframe", _("Logframe"), "results:logframe", permissions.reads_results, 66),
            ("results_reports", _("Progress reports"), "results:report_list", permissions.reads_results, 67),
            ("results_values", _("Values entered by hand"), "results:value_list", permissions.contributes, 68),
        ):
            navigation.register(key=key, label=label, url_name=url_name, visible=visible, order=order, group="results")
        for key, label in (
            ("results_report_submitted", _("A progress report waits for your approval")),
            ("results_report_returned", _("Your progress report was returned")),
            ("results_report_approved", _("Your progress report was approved")),
            ("results_report_sent", _("A progress report was sent to the EU")),
            ("results_report_due", _("A progress report falls due")),
        ):
            kinds.register(
                key=key,
                label=label,
                subject_template=f"results/notifications/{key}_subject.txt",
                body_template=f"results/notifications/{key}_body.txt",
            )
        register_download_rule(ManualValue, lambda user, value, field: permissions.contributes(user))
        for exporter in (IATI_EXPORT, REPORT_EXPORT, LOGFRAME_EXPORT):
            exports.register(exporter)
        demo_registry.register(key="results", run=demo.seed, order=90)
