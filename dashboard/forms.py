"""Forms of the dashboard app: the upload and the confirmation of a workbook import."""

from pathlib import Path

from django import forms
from django.core.validators import RegexValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Bigger data sets travel as CSV files or several workbooks; the engine's own limits on what a
# workbook may unpack to (dashboard/importer/readers.py) stay in force beneath this one.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
UPLOAD_SUFFIXES = (".xlsx", ".csv")


class WorkbookUploadForm(forms.Form):
    """One file to preview: an .xlsx workbook or a .csv file named after its sheet.

    Only the name and the size are checked here; whether it is a readable workbook is the
    engine's to say, with its own messages (an empty file included, hence `allow_empty_file`).
    """

    workbook = forms.FileField(
        label=_("Workbook"),
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Here rather than on the field: the limit is formatted in the language of the request.
        self.fields["workbook"].help_text = _(
            "An .xlsx workbook, or one .csv file named after its sheet (for example "
            "partners.csv). At most %(limit)s."
        ) % {"limit": filesizeformat(MAX_UPLOAD_BYTES)}

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        if Path(upload.name).suffix.lower() not in UPLOAD_SUFFIXES:
            raise forms.ValidationError(
                _(
                    "Choose an .xlsx workbook, or a .csv file named after its sheet "
                    "(for example partners.csv)."
                ),
                code="suffix",
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _(
                    "The file is %(size)s; at most %(limit)s can be uploaded. Split it into "
                    "several workbooks or CSV files."
                ),
                code="too_large",
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(MAX_UPLOAD_BYTES),
                },
            )
        return upload


class ImportConfirmForm(forms.Form):
    """The confirmation of a previewed upload: its token and the SHA-256 the preview showed."""

    token = forms.CharField(
        max_length=64,
        widget=forms.HiddenInput,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+\Z")],
    )
    sha256 = forms.CharField(
        min_length=64,
        max_length=64,
        widget=forms.HiddenInput,
        validators=[RegexValidator(r"^[0-9a-f]{64}\Z")],
    )
