# Vietnamese office style: 13.618 and 4,53; dates as 24/11/2026. Django's own Vietnamese formats
# set no NUMBER_GROUPING, so numbers would otherwise print ungrouped (13618).
DATE_FORMAT = r"\N\gà\y d \t\há\n\g n \nă\m Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"H:i \N\gà\y d \t\há\n\g n \nă\m Y"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
