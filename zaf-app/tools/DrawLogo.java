import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Draws the Engagement Bridge glyph (an arch bridge under a signal dot) into the app's PNG logos.
 * Run from the repository root: java zaf-app/tools/DrawLogo.java assets
 * The glyph is laid out on a 100x100 grid and scaled; assets/logo.svg uses the same shapes.
 */
public final class DrawLogo {
    private static final Color BRAND = new Color(0x0e, 0x6e, 0x78);

    public static void main(String[] args) throws IOException {
        File dir = new File(args.length > 0 ? args[0] : "assets");
        write(draw(320, BRAND, Color.WHITE, 0.78), new File(dir, "logo.png"));
        write(draw(128, null, BRAND, 0.96), new File(dir, "logo-small.png"));
    }

    private static BufferedImage draw(int size, Color background, Color ink, double glyphShare) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        if (background != null) {
            g.setColor(background);
            g.fillRect(0, 0, size, size);
        }
        double scale = size * glyphShare / 100.0;
        double offset = (size - 100 * scale) / 2.0;
        g.translate(offset, offset + 4 * scale);
        g.scale(scale, scale);
        g.setColor(ink);

        BasicStroke heavy = new BasicStroke(7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        BasicStroke light = new BasicStroke(4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

        g.setStroke(heavy);
        g.draw(new Arc2D.Double(20, 32, 60, 60, 0, 180, Arc2D.OPEN));   // the arch: centre (50,62), r 30
        g.draw(new Line2D.Double(10, 62, 90, 62));                        // the deck
        g.draw(new Line2D.Double(20, 62, 20, 78));                        // piers
        g.draw(new Line2D.Double(80, 62, 80, 78));

        g.setStroke(light);
        for (double x : new double[] {36, 50, 64}) {                      // hangers from arch to deck
            double dy = Math.sqrt(30 * 30 - (x - 50) * (x - 50));
            g.draw(new Line2D.Double(x, 62 - dy + 3, x, 62));
        }
        g.fill(new Ellipse2D.Double(44, 12, 12, 12));                     // the signal dot: centre (50,18)
        g.dispose();
        return image;
    }

    private static void write(BufferedImage image, File file) throws IOException {
        if (!ImageIO.write(image, "png", file)) {
            throw new IOException("no PNG writer");
        }
        System.out.println(file + " " + image.getWidth() + "x" + image.getHeight());
    }
}
