"""The partnerships pages, under /partnerships/ (each sub-domain's views in partnerships/views/)."""

from django.urls import path

app_name = "partnerships"

urlpatterns = [
    # --- partners and relationships ---
    # --- end partners ---
    # --- agreements ---
    # --- end agreements ---
    # --- exchange visits ---
    # --- end visits ---
    # --- coalitions and network view ---
    # --- end coalitions ---
    # --- initiatives ---
    # --- end initiatives ---
]

__all__ = ["path", "urlpatterns"]
