"""The grants pages, one module per sub-domain (grants/urls.py names each view by its module)."""
