from django.urls import path

from dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("indicators.csv", views.indicators_csv, name="indicators-csv"),
    path("indicators.xlsx", views.indicators_xlsx, name="indicators-xlsx"),
    path("indicators/", views.indicators, name="indicators"),
    path("statistics/", views.statistics, name="statistics"),
]
