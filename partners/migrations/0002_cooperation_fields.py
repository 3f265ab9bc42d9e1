"""The field codes of the data contract, with their names in Vietnamese and English."""

from django.db import migrations

FIELDS = [
    ("economy_trade", "Kinh tế - thương mại", "Economy and trade"),
    ("investment", "Đầu tư", "Investment"),
    ("tourism", "Du lịch", "Tourism"),
    ("education_training", "Giáo dục - đào tạo", "Education and training"),
    ("health", "Y tế", "Health"),
    ("culture_sport", "Văn hóa - thể thao", "Culture and sport"),
    ("science_technology", "Khoa học - công nghệ", "Science and technology"),
    ("information_technology", "Công nghệ thông tin", "Information technology"),
    ("environment_climate", "Môi trường - biến đổi khí hậu", "Environment and climate"),
    ("urban_development", "Phát triển đô thị", "Urban development"),
    ("agriculture", "Nông nghiệp", "Agriculture"),
    ("labour_human_resources", "Lao động - nguồn nhân lực", "Labour and human resources"),
    ("security_defence", "An ninh - quốc phòng", "Security and defence"),
    ("other", "Khác", "Other"),
]


def add_fields(apps, schema_editor):
    CooperationField = apps.get_model("partners", "CooperationField")
    for code, name_vi, name_en in FIELDS:
        CooperationField.objects.update_or_create(
            code=code, defaults={"name_vi": name_vi, "name_en": name_en}
        )


def remove_fields(apps, schema_editor):
    apps.get_model("partners", "CooperationField").objects.filter(
        code__in=[code for code, _, _ in FIELDS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]
    operations = [migrations.RunPython(add_fields, remove_fields)]
