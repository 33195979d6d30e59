"""A printable A4 poster (PDF) with a QR code holding the employer's survey/appeal link, in ru and kk."""

from __future__ import annotations

import io

import numpy as np
import segno

A4_INCHES = (8.27, 11.69)


def qr_matrix(url: str) -> np.ndarray:
    """The QR code of ``url`` as a 0/1 matrix with its quiet zone (error correction M: survives creases)."""
    q = segno.make(url, error="m", micro=False)
    return np.array(
        [[1 if cell else 0 for cell in row] for row in q.matrix_iter(scale=1, border=4)], dtype=np.uint8
    )


def poster_pdf(url: str, employer_name: str, wave: str) -> bytes:
    """The poster as PDF bytes: headline in Russian and Kazakh, the QR code, the link spelled out and the
    promise of anonymity (no name, no phone number, no address is asked or kept)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    fig = plt.figure(figsize=A4_INCHES)
    try:
        fig.text(0.5, 0.93, "Ваше мнение важно — анонимно", ha="center", fontsize=24, weight="bold")
        fig.text(0.5, 0.895, "Сіздің пікіріңіз маңызды — жасырын", ha="center", fontsize=20)
        fig.text(0.5, 0.85, employer_name[:70], ha="center", fontsize=16)
        fig.text(0.5, 0.82, f"Опрос о социальном самочувствии · {wave}", ha="center", fontsize=12)
        ax = fig.add_axes((0.2, 0.3, 0.6, 0.6 * A4_INCHES[0] / A4_INCHES[1]))
        ax.imshow(1 - qr_matrix(url), cmap="gray", interpolation="nearest", vmin=0, vmax=1)
        ax.set_axis_off()
        lines = [
            "Наведите камеру телефона на код: 8 вопросов, 2 минуты.",
            "Телефонға кодты көрсетіңіз: 8 сұрақ, 2 минут.",
            "Там же можно анонимно сообщить о проблеме. / Сол жерде мәселе туралы жасырын хабарлауға болады.",
            "Мы не спрашиваем и не храним имя, телефон или адрес. / Аты-жөні, телефон, мекенжай сұралмайды.",
        ]
        for i, line in enumerate(lines):
            fig.text(0.5, 0.24 - i * 0.035, line, ha="center", fontsize=10)
        fig.text(0.5, 0.08, url, ha="center", fontsize=9, family="monospace")
        buf = io.BytesIO()
        fig.savefig(buf, format="pdf")
        return buf.getvalue()
    finally:
        plt.close(fig)
