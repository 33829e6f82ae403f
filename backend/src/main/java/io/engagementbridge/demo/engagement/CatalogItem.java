package io.engagementbridge.demo.engagement;

/**
 * A product of the simulated shop. {@code image} is either a path served by the simulator itself
 * (starting with "/") or an absolute URL taken verbatim.
 */
public record CatalogItem(String id, String title, String category, double price, String url, String image) {

    public String imageUrl(String baseUrl) {
        return image.startsWith("/") ? stripTrailingSlash(baseUrl) + image : image;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
