"""Writes logo-agence-fictive.svg with cairo's SVG surface (pycairo), as Inkscape and most
drawing tools export a logo: paths, a gradient, and the text as glyph symbols (<symbol>,
<use>). The agency and its name are fictitious. Run: python3 make_logo_svg.py"""
import cairo

W, H = 330, 120  # points
surface = cairo.SVGSurface("logo-agence-fictive.svg", W, H)
cr = cairo.Context(surface)
# A blue band with a gradient, a red square: the colours of the state's identity.
g = cairo.LinearGradient(0, 0, 0, H)
g.add_color_stop_rgb(0, 0, 0, 0x91 / 255)
g.add_color_stop_rgb(1, 0.1, 0.1, 0.6)
cr.set_source(g)
cr.rectangle(0, 0, 36, H)
cr.fill()
cr.set_source_rgb(0xE1 / 255, 0, 0x0F / 255)
cr.rectangle(8, 84, 20, 20)
cr.fill()
cr.set_source_rgb(0.1, 0.1, 0.1)
cr.select_font_face("DejaVu Sans", cairo.FONT_SLANT_NORMAL, cairo.FONT_WEIGHT_BOLD)
cr.set_font_size(26)
cr.move_to(48, 48)
cr.show_text("Agence régionale")
cr.select_font_face("DejaVu Sans", cairo.FONT_SLANT_NORMAL, cairo.FONT_WEIGHT_NORMAL)
cr.set_font_size(18)
cr.move_to(48, 80)
cr.show_text("de santé Fictivie")
surface.finish()
