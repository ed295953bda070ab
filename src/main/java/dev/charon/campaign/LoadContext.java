package dev.charon.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What every part of one load shares: the campaign root, the problem list, and safe ways to
 * list directories and read YAML and Markdown files. Nothing here throws on bad content: a file
 * that cannot be used is reported and skipped.
 */
final class LoadContext {
  final Path root;
  final Problems problems = new Problems();
  final ImageIndex images;

  LoadContext(Path root) {
    this.root = root;
    this.images = new ImageIndex(root, problems);
  }

  /** The path as problems and URLs name it: relative to the campaign root, with forward slashes. */
  String rel(Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  void problem(Path file, int line, String message) {
    problems.add(rel(file), line, message);
  }

  /** Hidden entries (.git, editor swap files) and Python caches are never campaign content. */
  static boolean ignored(Path p) {
    String name = p.getFileName().toString();
    return name.startsWith(".") || name.equals("__pycache__");
  }

  /**
   * Sub-directories, sorted by name so the result never depends on the file system's order.
   * Symbolic links to directories are not followed: they could leave the campaign or loop.
   */
  List<Path> subdirectories(Path dir) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> !ignored(p)).sorted().forEach(p -> {
        if (Files.isSymbolicLink(p) && Files.isDirectory(p)) {
          problem(p, 0, "symbolic link to a directory is not followed");
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(p);
        }
      });
    } catch (IOException e) {
      problem(dir, 0, "cannot list directory: " + e.getMessage());
    }
    return out;
  }

  /** Regular files with one of the extensions (lower case, without dot), sorted by name. */
  List<Path> files(Path dir, String... extensions) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> !ignored(p) && Files.isRegularFile(p) && hasExtension(p, extensions)).sorted().forEach(out::add);
    } catch (IOException e) {
      problem(dir, 0, "cannot list directory: " + e.getMessage());
    }
    return out;
  }

  static boolean hasExtension(Path p, String... extensions) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    for (String ext : extensions) {
      if (name.endsWith("." + ext)) {
        return true;
      }
    }
    return false;
  }

  static String stem(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  Optional<String> text(Path file) {
    try {
      if (Files.size(file) > YamlTree.MAX_YAML_BYTES) {
        problem(file, 0, "file is larger than " + YamlTree.MAX_YAML_BYTES + " bytes; ignored");
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(file);
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      return Optional.of(s.startsWith("\uFEFF") ? s.substring(1) : s);
    } catch (CharacterCodingException e) {
      problem(file, 0, "file is not UTF-8 text; ignored");
    } catch (IOException e) {
      problem(file, 0, "cannot read file: " + e.getMessage());
    }
    return Optional.empty();
  }

  /** A YAML file whose top level must be a mapping; empty when missing, malformed or not a mapping. */
  Optional<YamlObject> yamlObject(Path file) {
    return text(file).flatMap(t -> parse(file, t, 0));
  }

  Optional<YamlObject> parse(Path file, String text, int lineOffset) {
    YamlTree tree;
    try {
      tree = YamlTree.parse(rel(file), text, lineOffset);
    } catch (YamlTree.Malformed e) {
      problems.add(rel(file), e.line, e.getMessage());
      return Optional.empty();
    }
    if (tree.root.isNull() || tree.root.isMissingNode()) {
      return Optional.of(new YamlObject(this, tree, (ObjectNode) com.fasterxml.jackson.databind.node.JsonNodeFactory
          .instance.objectNode()));
    }
    Optional<ObjectNode> o = tree.rootObject();
    if (o.isEmpty()) {
      problems.add(tree.file, 1, "expected a YAML mapping (key: value) at the top level");
      return Optional.empty();
    }
    return Optional.of(new YamlObject(this, tree, o.get()));
  }

  /** A Markdown file with optional YAML front matter between two {@code ---} lines. */
  record Markdown(YamlObject frontMatter, String body) {}

  Optional<Markdown> markdown(Path file) {
    Optional<String> text = text(file);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String s = text.get().replace("\r\n", "\n");
    if (!s.startsWith("---\n") && !s.equals("---")) {
      return parse(file, "", 0).map(empty -> new Markdown(empty, s.strip()));
    }
    int end = s.indexOf("\n---", 3);
    while (end >= 0 && !(end + 4 == s.length() || s.charAt(end + 4) == '\n' || s.charAt(end + 4) == '\r')) {
      end = s.indexOf("\n---", end + 4);
    }
    if (end < 0) {
      problem(file, 1, "front matter starts with --- but has no closing --- line");
      return Optional.empty();
    }
    String yaml = s.substring(4, end + 1);
    String body = end + 4 >= s.length() ? "" : s.substring(end + 4);
    // Line 1 is the opening ---, so the YAML's line 1 is the file's line 2.
    return parse(file, yaml, 1).map(fm -> new Markdown(fm, body.strip()));
  }

  static String describe(JsonNode n) {
    return n.isTextual() ? "'" + n.textValue() + "'" : n.toString();
  }
}
