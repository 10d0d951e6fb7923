"""The grants forms, one module per sub-domain. Forms import models and selectors only."""
