package org.fairhunt.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgTest {

    @Test
    void escape_covers_the_five_html_specials() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;", Html.escape("<a href=\"x\" title='y'>&</a>"));
        assertEquals("plain", Html.escape("plain"));
        assertEquals("", Html.escape(null));
    }

    @Test
    void axis_ticks_are_round_and_cover_the_data() {
        Svg.Axis a = Svg.Axis.nice(0, 0.73, 5);
        assertEquals(0.0, a.lo());
        assertEquals(0.8, a.hi(), 1e-12);
        assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8"), a.ticks().stream().map(a::format).toList());
        Svg.Axis b = Svg.Axis.nice(-0.3, 0.1, 5);
        assertEquals(-0.3, b.lo(), 1e-12);
        assertEquals(0.1, b.hi(), 1e-12);
        Svg.Axis c = Svg.Axis.nice(0, 1, 4); // 1/4 = 0.25 is itself a round step
        assertEquals(List.of("0.00", "0.25", "0.50", "0.75", "1.00"), c.ticks().stream().map(c::format).toList());
    }

    @Test
    void bars_are_proportional_to_their_values_from_zero() {
        String svg = Svg.barChart("t").bar("a", 0.25, null, null, "0.25", null, false).bar("b", 0.5, 0.4, 0.6, "0.5", null, false)
                .render().html();
        List<Double> widths = attributes(svg, "rect class=\"fh-bar\"[^>]*width=\"([0-9.]+)\"");
        assertEquals(2, widths.size());
        assertEquals(2.0, widths.get(1) / widths.get(0), 0.02);
        assertEquals(1, count(svg, "class=\"fh-whisker\""));
    }

    @Test
    void negative_values_extend_left_of_zero() {
        String svg = Svg.barChart("t").bar("under", -0.2, null, null, "-0.2", null, false).bar("over", 0.2, null, null, "0.2", null, false)
                .render().html();
        List<Double> xs = attributes(svg, "rect class=\"fh-bar\" x=\"([0-9.]+)\"");
        List<Double> widths = attributes(svg, "rect class=\"fh-bar\"[^>]*width=\"([0-9.]+)\"");
        // the negative bar ends where the positive one starts (at zero), and both are equally long
        assertEquals(xs.get(1), xs.get(0) + widths.get(0), 0.15);
        assertEquals(widths.get(0), widths.get(1), 0.15);
    }

    @Test
    void muted_and_undefined_bars_are_marked() {
        String svg = Svg.barChart("t").bar("small", 0.3, null, null, "0.3", null, true).bar("none", null, null, null, "—", "why", false)
                .render().html();
        assertEquals(1, count(svg, "<rect class=\"fh-bar fh-muted\""));
        assertEquals(1, count(svg, "<rect class=\"fh-bar"));
        assertTrue(svg.contains("<title>why</title>"));
    }

    @Test
    void sequential_colours_run_from_pale_yellow_to_dark_red_and_clamp() {
        // YlOrRd's end stops, and the midpoint of its middle stop (ColorBrewer #fd8d3c)
        assertEquals("#ffffcc", Svg.Colours.sequential(0));
        assertEquals("#fd8d3c", Svg.Colours.sequential(0.5));
        assertEquals("#800026", Svg.Colours.sequential(1));
        assertEquals("#800026", Svg.Colours.sequential(7));
        assertEquals("#ffffcc", Svg.Colours.sequential(-3));
        // the diverging scale for signed quantities: PuOr's white centre and its ends
        assertEquals("#f7f7f7", Svg.Colours.diverging(0));
        assertEquals("#5e3c99", Svg.Colours.diverging(-1));
        assertEquals("#e66101", Svg.Colours.diverging(7));
        assertTrue(Svg.Colours.isDark("#5e3c99"));
        assertFalse(Svg.Colours.isDark("#f7f7f7"));
    }

    @Test
    void colours_between_the_stops_are_the_rounded_linear_mix_in_two_lower_case_hex_digits_per_channel() {
        // a quarter of the way from YlOrRd's #ffffcc to #fed976: (255, 255, 204)·3/4 + (254, 217, 118)·1/4 = (254.75, 245.5,
        // 182.5), rounded half up
        assertEquals("#fff6b7", Svg.Colours.sequential(0.0625));
        int[][] ylOrRd = {{0xff, 0xff, 0xcc}, {0xfe, 0xd9, 0x76}, {0xfd, 0x8d, 0x3c}, {0xe3, 0x1a, 0x1c}, {0x80, 0x00, 0x26}};
        for (int step = 0; step <= 1000; step++) {
            double u = step / 1000.0;
            double x = u * 4;
            int i = Math.min(3, (int) Math.floor(x));
            double w = x - i;
            StringBuilder expected = new StringBuilder("#");
            for (int k = 0; k < 3; k++) {
                expected.append(String.format(java.util.Locale.ROOT, "%02x",
                        (int) Math.round(ylOrRd[i][k] * (1 - w) + ylOrRd[i + 1][k] * w)));
            }
            assertEquals(expected.toString(), Svg.Colours.sequential(u), "at " + u);
        }
    }

    @Test
    void heatmap_labels_and_tooltips_are_escaped() {
        String svg = Svg.heatmap("t<").headers("r&", "c\"").rows(List.of("<b>")).columns(List.of("x'"))
                .cell(0, 0, 0.5, "0.5", "<script>", false).render().html();
        assertFalse(svg.contains("<b>"));
        assertFalse(svg.contains("<script>"));
        assertTrue(svg.contains("&lt;script&gt;"));
        assertEquals(1, count(svg, "class=\"fh-cell\""));
    }

    private static List<Double> attributes(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        java.util.ArrayList<Double> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1)));
        }
        return out;
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
