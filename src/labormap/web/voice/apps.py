from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    name = "labormap.web.voice"
    label = "voice"
    verbose_name = _("Worker voice")
    url_prefix = "voice/"
    api_prefix = "/voice"
    card_panel = "labormap.web.voice.views.card_panel"
