package io.shmlane.reports;

import io.shmlane.results.SafeXml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The project's modules: those the root pom declares, in its order, then any other directory with a pom. */
final class Modules {
    private Modules() {}

    static List<String> list(final Path root) {
        Set<String> modules = new LinkedHashSet<>(declared(root.resolve("pom.xml")));
        try (Stream<Path> children = Files.list(root)) {
            children.filter(p -> Files.isRegularFile(p.resolve("pom.xml")))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .forEach(modules::add);
        } catch (IOException e) {
            // no listing: the declared modules only
        }
        List<String> existing = new ArrayList<>();
        for (String module : modules) {
            if (Files.isDirectory(root.resolve(module))) {
                existing.add(module);
            }
        }
        return existing;
    }

    private static List<String> declared(final Path pom) {
        List<String> modules = new ArrayList<>();
        if (!Files.isRegularFile(pom)) {
            return modules;
        }
        try (InputStream in = Files.newInputStream(pom)) {
            Document document = SafeXml.builder().parse(in);
            NodeList nodes = document.getElementsByTagName("module");
            for (int i = 0; i < nodes.getLength(); i++) {
                modules.add(nodes.item(i).getTextContent().trim());
            }
        } catch (IOException | SAXException e) {
            // an unreadable pom: fall back on the directory listing
        }
        return modules;
    }
}
