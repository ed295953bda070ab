package dev.charon.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What every part of one load shares: the campaign root, the problem list, and the campaign's
 * files ({@link CampaignFiles}: the only way a loader lists a directory or reads a file, so a link
 * never leads a load out of the folder). Nothing here throws on bad content: a file that cannot be
 * used is reported and skipped.
 */
final class LoadContext {
  final Path root;
  final Problems problems = new Problems();
  final CampaignFiles files;
  final ImageIndex images;

  LoadContext(Path root) {
    this.files = CampaignFiles.reporting(root, problems);
    this.root = files.root;
    this.images = new ImageIndex(files, problems);
  }

  /** The path as problems and URLs name it: relative to the campaign root, with forward slashes. */
  String rel(Path p) {
    return files.rel(p);
  }

  void problem(Path file, int line, String message) {
    problems.add(rel(file), line, message);
  }

  /** Sub-directories, sorted by name; a linked directory is reported and not followed. */
  List<Path> subdirectories(Path dir) {
    return files.subdirectories(dir);
  }

  /** Regular files with one of the extensions (lower case, without dot), sorted by name. */
  List<Path> files(Path dir, String... extensions) {
    return files.files(dir, extensions);
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
    Optional<byte[]> bytes = files.read(file, YamlTree.MAX_YAML_BYTES);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes.get())).toString();
      return Optional.of(s.startsWith("\uFEFF") ? s.substring(1) : s);
    } catch (CharacterCodingException e) {
      problem(file, 0, "file is not UTF-8 text; ignored");
      return Optional.empty();
    }
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
