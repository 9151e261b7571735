"""Forms of the portal: staff editing and the citizen question form."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from loalang.core.forms import DateInput, DateTimeInput
from loalang.portal.models import Article, PortalProfile, PublishedDocument, Question

if TYPE_CHECKING:
    from loalang.places.models import Commune

DT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


def RICHTEXT_LABELS_VI() -> dict[str, str]:
    """The editor toolbar's words, translated at request time (static/js/richtext.js)."""
    return {
        "toolbar": str(_("Định dạng nội dung")),
        "paragraph": str(_("Đoạn văn thường")),
        "heading": str(_("Đề mục")),
        "subheading": str(_("Đề mục nhỏ")),
        "bold": str(_("In đậm")),
        "italic": str(_("In nghiêng")),
        "bullets": str(_("Danh sách gạch đầu dòng")),
        "numbers": str(_("Danh sách đánh số")),
        "link": str(_("Chèn hoặc bỏ liên kết")),
        "link_short": str(_("Liên kết")),
        "image_short": str(_("Ảnh")),
        "link_prompt": str(_("Địa chỉ liên kết (bắt đầu bằng https://)")),
        "image": str(_("Chèn ảnh đã tải lên")),
        "choose_image": str(_("— Chọn ảnh —")),
        "clear": str(_("Bỏ định dạng")),
        "undo": str(_("Hoàn tác")),
        "redo": str(_("Làm lại")),
    }


class ArticleForm(forms.ModelForm):
    publish_at = forms.DateTimeField(
        label=_("Hẹn giờ đăng (giờ Việt Nam)"),
        required=False,
        widget=DateTimeInput(),
        input_formats=DT_FORMATS,
    )
    expire_at = forms.DateTimeField(
        label=_("Hết hạn lúc (giờ Việt Nam)"),
        required=False,
        widget=DateTimeInput(),
        input_formats=DT_FORMATS,
    )

    class Meta:
        model = Article
        fields = [
            "title",
            "summary",
            "body",
            "themes",
            "cover",
            "is_featured",
            "publish_at",
            "expire_at",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from loalang.plans.selectors import theme_choices, theme_label

        keep = self.instance.themes.all() if self.instance.pk else ()
        themes = cast(forms.ModelMultipleChoiceField, self.fields["themes"])
        themes.queryset = theme_choices(commune=commune, keep=keep)
        setattr(themes, "label_from_instance", theme_label)  # noqa: B010 - an instance override
        cover = cast(forms.ModelChoiceField, self.fields["cover"])
        cover.queryset = commune.portal_images.order_by("-id")
        self.fields["body"].help_text = _(
            "Gõ như soạn văn bản: xuống dòng hai lần để sang đoạn mới. Thanh công cụ có tiêu đề, "
            "in đậm, in nghiêng, danh sách, liên kết, ảnh đã tải lên; dán từ Word được giữ đoạn "
            "văn và bảng, định dạng thừa tự bỏ đi."
        )
        self.fields["body"].widget.attrs.update(
            {
                "data-richtext": json.dumps(RICHTEXT_LABELS_VI(), ensure_ascii=False),
                "data-images": "richtext-images",
                "aria-describedby": "id_body_helptext",
            }
        )


class ImageForm(forms.Form):
    image = forms.FileField(label=_("Ảnh (JPEG, PNG, WebP, GIF; tối đa 10 MB)"))
    alt_text = forms.CharField(label=_("Mô tả ảnh"), max_length=250)
    keep_location = forms.BooleanField(
        label=_("Giữ toạ độ GPS của ảnh (mặc định: xoá để bảo vệ người trong ảnh)"),
        required=False,
    )


class QuestionForm(forms.Form):
    category = forms.ChoiceField(label=_("Lĩnh vực"), choices=Question.Category.choices)
    subject = forms.CharField(label=_("Tiêu đề"), max_length=200)
    body = forms.CharField(
        label=_("Nội dung câu hỏi, góp ý"),
        max_length=4000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    name = forms.CharField(label=_("Họ và tên"), max_length=120, required=False)
    phone = forms.RegexField(
        label=_("Điện thoại"),
        regex=r"^[0-9 +.()-]{8,20}$",
        required=False,
        max_length=20,
        error_messages={"invalid": _("Số điện thoại chưa đúng.")},
    )
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    has_consent = forms.BooleanField(
        label=_("Tôi đồng ý để UBND xã dùng thông tin liên hệ này chỉ để trả lời câu hỏi."),
        required=False,
    )
    # Honeypot: hidden from people by CSS and aria-hidden; robots fill every field.
    website = forms.CharField(label=_("Để trống ô này"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        gives_contact = any(data.get(k) for k in ("name", "phone", "email"))
        if gives_contact and not data.get("has_consent"):
            self.add_error(
                "has_consent",
                _("Hãy đồng ý cho xã dùng thông tin liên hệ, hoặc để trống các ô liên hệ."),
            )
        return data


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Câu trả lời"), max_length=8000, widget=forms.Textarea(attrs={"rows": 8})
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Lý do không trả lời"), max_length=300)


class EventForm(forms.Form):
    title = forms.CharField(label=_("Tên sự kiện"), max_length=250)
    starts_at = forms.DateTimeField(
        label=_("Bắt đầu (giờ Việt Nam)"), widget=DateTimeInput(), input_formats=DT_FORMATS
    )
    ends_at = forms.DateTimeField(
        label=_("Kết thúc (giờ Việt Nam)"),
        widget=DateTimeInput(),
        input_formats=DT_FORMATS,
        required=False,
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=250, required=False)
    description = forms.CharField(
        label=_("Mô tả"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=4000
    )
    themes: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Nội dung tuyên truyền"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_cancelled = forms.BooleanField(label=_("Đã huỷ"), required=False)

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from loalang.plans.selectors import theme_choices, theme_label

        keep = self.initial.get("themes") or ()
        themes = cast(forms.ModelMultipleChoiceField, self.fields["themes"])
        themes.queryset = theme_choices(commune=commune, keep=keep)
        setattr(themes, "label_from_instance", theme_label)  # noqa: B010 - an instance override


class DocumentForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("Loại văn bản"), choices=PublishedDocument.DocType.choices)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=60)
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=DateInput())
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    title = forms.CharField(label=_("Trích yếu"), max_length=400)
    summary = forms.CharField(
        label=_("Tóm tắt"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    pdf = forms.FileField(label=_("Tệp PDF"))


class ProfileForm(forms.ModelForm):
    class Meta:
        model = PortalProfile
        fields = [
            "intro",
            "contact_name",
            "contact_position",
            "contact_phone",
            "contact_email",
            "contact_address",
        ]
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}
