package io.shmlane.reports;

import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.shmlane.reports.model.ReportData;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;

/**
 * Renders the page with FreeMarker ({@code report.ftlh}, HTML auto-escaping) and inlines Chart.js from its WebJar, so
 * the page needs nothing but itself: it opens offline, from {@code file://}, with no CDN.
 */
final class HtmlRenderer {
    /** FreeMarker's feature level; 2.3.33 and later expose record components as properties. */
    private static final freemarker.template.Version FREEMARKER = Configuration.VERSION_2_3_34;

    private static final String WEBJAR_POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    private final Configuration configuration;
    private final String chartJs;
    private final String chartJsVersion;

    HtmlRenderer() {
        configuration = new Configuration(FREEMARKER);
        configuration.setClassForTemplateLoading(HtmlRenderer.class, "/io/shmlane/reports");
        configuration.setDefaultEncoding("UTF-8");
        configuration.setOutputEncoding("UTF-8");
        configuration.setLocale(Locale.ROOT);
        configuration.setTimeZone(TimeZone.getTimeZone("UTC"));
        configuration.setNumberFormat("computer");
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        configuration.setObjectWrapper(new DefaultObjectWrapperBuilder(FREEMARKER).build());
        chartJsVersion = webjarVersion();
        chartJs = chartJs(chartJsVersion);
    }

    void render(final ReportData report, final Writer out) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("report", report);
        model.put("fmt", new Format());
        model.put("chartJs", chartJs);
        model.put("chartJsVersion", chartJsVersion);
        model.put("chartData", ChartData.json(report));
        try {
            Template template = configuration.getTemplate("report.ftlh");
            template.process(model, out);
        } catch (TemplateException e) {
            throw new IOException("cannot render the report: " + e.getMessage(), e);
        }
    }

    private static String webjarVersion() {
        try (InputStream in = resource(WEBJAR_POM)) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Chart.js WebJar's version: " + e.getMessage(), e);
        }
    }

    private static String chartJs(final String version) {
        String path = "META-INF/resources/webjars/chart.js/" + version + "/dist/chart.umd.min.js";
        try (InputStream in = resource(path)) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // The page is self-contained: no source map to look for, and nothing that could close the script element.
            script = script.replaceAll("(?m)^//# sourceMappingURL=.*$", "");
            if (script.toLowerCase(Locale.ROOT).contains("</script")) {
                throw new IllegalStateException(path + " contains </script>: it cannot be inlined as is");
            }
            return script;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read Chart.js from its WebJar (" + path + "): " + e.getMessage(), e);
        }
    }

    private static InputStream resource(final String path) throws IOException {
        InputStream in = HtmlRenderer.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("not on the class path: " + path);
        }
        return in;
    }
}
