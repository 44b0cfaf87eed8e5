#!/bin/sh
# Regenerates the app icons (build/icons/*.png, build/icon.png, build/icon.ico) from the committed SVG sources.
# Needs Debian's librsvg2-bin (rsvg-convert), icoutils (icotool) and fonts-liberation2 (the "766" is drawn in
# Liberation Sans Bold): apt-get install -y librsvg2-bin icoutils fonts-liberation2
set -eu
cd "$(dirname "$0")/../build"

for tool in rsvg-convert icotool; do
  command -v "$tool" >/dev/null 2>&1 || { echo "make-icons: $tool is missing (apt-get install -y librsvg2-bin icoutils)" >&2; exit 1; }
done
if command -v fc-list >/dev/null 2>&1 && ! fc-list | grep -q "Liberation Sans"; then
  echo "make-icons: Liberation Sans is missing (apt-get install -y fonts-liberation2); the number would use another font" >&2
  exit 1
fi

mkdir -p icons
# 16-32 px use the simplified drawing (no star, no number); 48 px and up the full one.
for size in 16 24 32; do
  rsvg-convert -w "$size" -h "$size" icon-small.svg -o "icons/${size}x${size}.png"
done
for size in 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "icons/${size}x${size}.png"
done
cp icons/512x512.png icon.png

# Windows icon: BMP entries up to 128 px, the 256 px entry stored as PNG (as Windows Vista and later expect).
icotool -c -o icon.ico \
  icons/16x16.png icons/24x24.png icons/32x32.png icons/48x48.png icons/64x64.png icons/128x128.png \
  --raw=icons/256x256.png
icotool -l icon.ico
