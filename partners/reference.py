"""The fields of cooperation of the data contract, with their Vietnamese and English names.

A migration adds them; `ensure_cooperation_fields` runs after every `migrate` (and after a test
database is flushed) so the codes the import relies on always exist. Administrators may rename
them; their changes are kept.
"""

COOPERATION_FIELDS = (
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
)


def ensure_cooperation_fields(cooperation_field_model):
    existing = set(cooperation_field_model.objects.values_list("code", flat=True))
    cooperation_field_model.objects.bulk_create(
        cooperation_field_model(code=code, name_vi=name_vi, name_en=name_en)
        for code, name_vi, name_en in COOPERATION_FIELDS
        if code not in existing
    )
