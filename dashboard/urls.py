from django.urls import path

from dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("indicators.csv", views.indicators_csv, name="indicators-csv"),
    path("indicators.xlsx", views.indicators_xlsx, name="indicators-xlsx"),
    path("indicators/", views.indicators, name="indicators"),
    path("statistics/", views.statistics, name="statistics"),
    path("attention/", views.attention, name="attention"),
    path("import/", views.import_upload, name="import"),
    path("import/confirm/", views.import_confirm, name="import-confirm"),
    path("import/runs/<int:pk>/", views.import_run, name="import-run"),
    path("import/runs/<int:pk>/status.json", views.import_run_status, name="import-run-status"),
    path("import/template.xlsx", views.import_template, name="import-template"),
    path("export/records.xlsx", views.export_records, name="export-records"),
]
