#!/usr/bin/env python3
"""Draws the demo campaign's portraits: CRT-style busts, 220x300, amber or teal on near-black.

Our own work (CC BY 4.0 with the demo campaign). Python standard library only: every picture is
built from ellipses and bands in a brightness grid, then scanlines, noise and a vignette are
laid over it and the grid is written as a 16-colour indexed PNG (small: a few kilobytes each).
Deterministic: the same script writes the same bytes.

    python3 tools/make_portraits.py            # from the project root
"""
import math
import os
import random
import struct
import zlib

WIDTH, HEIGHT = 220, 300
LEVELS = 16
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources", "demo-campaign")

PHOSPHORS = {
    # near-black background to full phosphor glow
    "amber": ((8, 7, 5), (255, 176, 64)),
    "teal": ((5, 9, 9), (80, 230, 210)),
}


def palette(name):
    (r0, g0, b0), (r1, g1, b1) = PHOSPHORS[name]
    out = []
    for i in range(LEVELS):
        t = (i / (LEVELS - 1)) ** 1.25
        out.append((round(r0 + (r1 - r0) * t), round(g0 + (g1 - g0) * t), round(b0 + (b1 - b0) * t)))
    return out


class Canvas:
    def __init__(self):
        self.px = [[0.0] * WIDTH for _ in range(HEIGHT)]

    def ellipse(self, cx, cy, rx, ry, value, light=None, mode="set"):
        """Fills an ellipse; `light` (dx, dy) shades it like a lit sphere."""
        for y in range(max(0, int(cy - ry) - 1), min(HEIGHT, int(cy + ry) + 2)):
            for x in range(max(0, int(cx - rx) - 1), min(WIDTH, int(cx + rx) + 2)):
                dx, dy = (x - cx) / rx, (y - cy) / ry
                d = dx * dx + dy * dy
                if d <= 1.0:
                    v = value
                    if light:
                        v = value * max(0.25, 1.0 - 0.55 * ((dx - light[0]) ** 2 + (dy - light[1]) ** 2))
                    self.put(x, y, v, mode)

    def rect(self, x0, y0, x1, y1, value, mode="set"):
        for y in range(max(0, y0), min(HEIGHT, y1)):
            for x in range(max(0, x0), min(WIDTH, x1)):
                self.put(x, y, value, mode)

    def ring(self, cx, cy, rx, ry, width, value):
        for y in range(max(0, int(cy - ry) - 2), min(HEIGHT, int(cy + ry) + 3)):
            for x in range(max(0, int(cx - rx) - 2), min(WIDTH, int(cx + rx) + 3)):
                d = math.sqrt(((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2)
                if abs(d - 1.0) * min(rx, ry) < width:
                    self.put(x, y, value, "max")

    def put(self, x, y, v, mode):
        if mode == "set":
            self.px[y][x] = v
        elif mode == "max":
            self.px[y][x] = max(self.px[y][x], v)
        elif mode == "add":
            self.px[y][x] = min(1.0, self.px[y][x] + v)
        elif mode == "dim":
            self.px[y][x] *= v


def bust(c, p, rnd):
    """Shoulders, neck, head, then the features a character's spec asks for."""
    cx = WIDTH // 2 + p.get("lean", 0)
    head_y, head_rx, head_ry = 118, p.get("head_w", 44), p.get("head_h", 58)
    # backdrop: a faint grid like a personnel-file frame
    for y in range(0, HEIGHT, 20):
        c.rect(0, y, WIDTH, y + 1, 0.10)
    for x in range(0, WIDTH, 20):
        c.rect(x, 0, x + 1, HEIGHT, 0.10)
    c.ellipse(cx, 312, 112, 100, 0.42, light=(-0.4, -0.6))            # shoulders
    if p.get("collar"):
        c.ellipse(cx, 224, 50, 20, 0.62, light=(-0.3, -0.5))
    c.rect(cx - 24, 160, cx + 24, 222, 0.50)                           # neck
    c.ellipse(cx, head_y, head_rx, head_ry, 0.78, light=(-0.35, -0.45))
    eye_y = head_y + p.get("eye_drop", 0)
    if p.get("hair") == "short":
        c.ellipse(cx, head_y - 34, head_rx + 3, 32, 0.30, light=(-0.3, -0.8))
    elif p.get("hair") == "long":
        c.ellipse(cx, head_y - 20, head_rx + 10, head_ry - 4, 0.28)
        c.ellipse(cx, head_y + 6, head_rx, head_ry, 0.78, light=(-0.35, -0.45))
        c.ellipse(cx, head_y - 40, head_rx + 2, 24, 0.30)
    elif p.get("hair") == "shaved":
        c.ellipse(cx, head_y - 40, head_rx - 4, 18, 0.66)
    if p.get("android"):
        c.rect(cx - head_rx, eye_y - 28, cx + head_rx, eye_y - 26, 0.35, "dim")   # panel seam
        c.rect(cx - 2, head_y - head_ry, cx + 1, head_y - 30, 0.4, "dim")
        for ex in (-17, 17):
            c.ellipse(cx + ex, eye_y, 8, 4, 1.0)
            c.ellipse(cx + ex, eye_y, 14, 8, 0.25, mode="add")
    elif p.get("creature"):
        for ex, ey, r in ((-14, -6, 5), (14, -6, 5), (-25, 8, 3), (25, 8, 3), (0, -22, 4), (-8, 18, 2), (9, 20, 2)):
            c.ellipse(cx + ex, eye_y + ey, r + 3, r + 3, 0.12)
            c.ellipse(cx + ex, eye_y + ey, r, r, 0.98)
        for i in range(7):                                              # frost veins
            x, y = cx + rnd.randint(-30, 30), head_y + rnd.randint(-40, 40)
            for _ in range(26):
                x += rnd.choice((-1, 0, 1))
                y += 1
                if 0 <= x < WIDTH and 0 <= y < HEIGHT:
                    c.put(x, y, 0.95, "max")
    else:
        for ex in (-17, 17):
            c.ellipse(cx + ex, eye_y, 9, 5, 0.16)
            c.ellipse(cx + ex + 1, eye_y, 3, 3, 0.92 if p.get("glint", True) else 0.3)
        c.rect(cx - 18, eye_y - 13, cx - 6, eye_y - 10, 0.22)                   # brows
        c.rect(cx + 6, eye_y - 13, cx + 18, eye_y - 10, 0.22)
        c.rect(cx - 3, eye_y + 6, cx + 3, eye_y + 24, 0.62)                     # nose ridge
        c.rect(cx - 14, eye_y + 34, cx + 14, eye_y + 37, 0.25)                  # mouth
    if p.get("scar"):
        for i in range(30):
            c.put(cx + 8 + i // 2, eye_y - 20 + i, 0.18, "set")
    if p.get("visor"):
        c.rect(cx - head_rx - 4, eye_y - 9, cx + head_rx + 4, eye_y + 9, 0.9, "max")
        c.rect(cx - head_rx - 4, eye_y - 2, cx + head_rx + 4, eye_y + 1, 0.5, "dim")
    if p.get("helmet"):
        c.ring(cx, head_y + 4, head_rx + 16, head_ry + 14, 3.0, 0.85)
        c.rect(cx - head_rx - 30, 178, cx + head_rx + 30, 186, 0.6, "max")
    if p.get("mask"):
        c.ellipse(cx, eye_y + 36, 24, 14, 0.35)
        c.rect(cx - 20, eye_y + 34, cx + 20, eye_y + 37, 0.75, "max")


def finish(c, rnd, label_bars):
    # ID strip with a barcode, like a personnel file.
    c.rect(10, 266, WIDTH - 10, 290, 0.16)
    x = 16
    for w in label_bars:
        c.rect(x, 270, x + w, 286, 0.85)
        x += w + 3
    # frame
    c.rect(4, 4, WIDTH - 4, 6, 0.7, "max")
    c.rect(4, HEIGHT - 6, WIDTH - 4, HEIGHT - 4, 0.7, "max")
    c.rect(4, 4, 6, HEIGHT - 4, 0.7, "max")
    c.rect(WIDTH - 6, 4, WIDTH - 4, HEIGHT - 4, 0.7, "max")
    # scanlines, noise, vignette
    for y in range(HEIGHT):
        line = 0.45 if y % 3 == 2 else 1.0
        for x in range(WIDTH):
            dx, dy = (x - WIDTH / 2) / (WIDTH / 2), (y - HEIGHT / 2) / (HEIGHT / 2)
            vignette = max(0.0, 1.0 - 0.35 * (dx * dx + dy * dy))
            v = c.px[y][x] * line * vignette + rnd.uniform(-0.035, 0.035)
            c.px[y][x] = min(1.0, max(0.0, v))


def write_png(path, c, phosphor):
    pal = palette(phosphor)
    rows = []
    for y in range(HEIGHT):
        row = bytearray([0])  # filter: none
        levels = [min(LEVELS - 1, int(v * (LEVELS - 1) + 0.5)) for v in c.px[y]]
        for x in range(0, WIDTH, 2):
            row.append((levels[x] << 4) | (levels[x + 1] if x + 1 < WIDTH else 0))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", WIDTH, HEIGHT, 4, 3, 0, 0, 0))
    png += chunk(b"PLTE", b"".join(bytes(rgb) for rgb in pal))
    png += chunk(b"tEXt", b"Comment\x00Charon demo campaign portrait, CC BY 4.0")
    png += chunk(b"IDAT", zlib.compress(raw, 9))
    png += chunk(b"IEND", b"")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(png)


PORTRAITS = [
    # NPCs: campaign/NPCs/images/
    ("campaign/NPCs/images/ines_okafor.png", "amber", dict(hair="short", collar=True, scar=True)),
    ("campaign/NPCs/images/pell_varga.png", "teal", dict(hair="long", mask=True, eye_drop=4)),
    ("campaign/NPCs/images/sexton.png", "teal", dict(android=True, head_w=40, head_h=60, collar=True)),
    ("campaign/NPCs/images/mira_salk.png", "amber", dict(hair="shaved", visor=True, lean=-4)),
    ("campaign/NPCs/images/jory_haskell.png", "amber", dict(creature=True, head_w=38, head_h=66)),
    # crew: campaign/images/crew/
    ("campaign/images/crew/rook_adeyemi.png", "amber", dict(hair="short", helmet=True)),
    ("campaign/images/crew/sable_ng.png", "teal", dict(hair="long", glint=True, lean=3)),
    ("campaign/images/crew/dmitri_koval.png", "amber", dict(hair="shaved", scar=True, head_w=48, collar=True)),
    ("campaign/images/crew/june_halloran.png", "teal", dict(android=True, hair="short")),
]


def main():
    for i, (rel, phosphor, spec) in enumerate(PORTRAITS):
        rnd = random.Random(1000 + i)
        c = Canvas()
        bust(c, spec, rnd)
        finish(c, rnd, [rnd.choice((2, 3, 5, 7)) for _ in range(30)])
        path = os.path.join(ROOT, rel)
        write_png(path, c, phosphor)
        print(f"{rel}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
