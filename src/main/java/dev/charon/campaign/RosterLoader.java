package dev.charon.campaign;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files of {@code campaign/} (data-format.md §6): NPCs, crew, the players' ship and the session
 * logs. Portraits become our image URLs here, once, so no request ever resolves a path.
 */
final class RosterLoader {
  private final LoadContext ctx;

  RosterLoader(LoadContext ctx) {
    this.ctx = ctx;
  }

  private Path file(String name) {
    return ctx.root.resolve("campaign").resolve(name);
  }

  /** NPCs by id, in file order; an entry without id is skipped, one without name is named by its id. */
  Map<String, Npc> npcs() {
    Map<String, Npc> out = new LinkedHashMap<>();
    Path f = file("npcs.yaml");
    if (!ctx.files.isFile(f)) {
      return out;
    }
    ctx.yamlObject(f).ifPresent(y -> {
      for (YamlObject n : y.objects("npcs")) {
        Optional<String> id = n.optionalString("id");
        Optional<String> name = n.optionalString("name");
        if (id.isEmpty()) {
          n.problem("NPC " + name.map(s -> "'" + s + "' ").orElse("") + "has no id; it is left out (portraits "
              + "and tokens refer to NPCs by id)");
          continue;
        }
        if (name.isEmpty()) {
          n.problem("NPC '" + id.get() + "' has no name; its id is shown instead");
        }
        if (out.containsKey(id.get())) {
          n.problem("NPC id '" + id.get() + "' is used twice; the second entry is ignored");
          continue;
        }
        String who = "NPC '" + id.get() + "'";
        String portrait = ctx.images.portraitUrl(n.string("portrait", ""), n.file(), n.line(), who);
        out.put(id.get(), new Npc(id.get(), name.orElse(id.get()), portrait, n.string("role", ""),
            n.string("faction", ""), n.string("description", ""), n.string("location", ""), n.string("status", "")));
      }
    });
    return out;
  }

  List<CrewMember> crew() {
    List<CrewMember> out = new ArrayList<>();
    Path f = file("crew.yaml");
    if (!ctx.files.isFile(f)) {
      return out;
    }
    ctx.yamlObject(f).ifPresent(y -> {
      for (YamlObject c : y.objects("crew")) {
        Optional<String> name = c.optionalString("name");
        Optional<String> id = c.optionalString("id").or(() -> name);
        if (id.isEmpty()) {
          c.problem("a crew member needs an id or a name; this entry is left out");
          continue;
        }
        String who = "crew member '" + id.get() + "'";
        String portrait = ctx.images.portraitUrl(c.string("portrait", ""), c.file(), c.line(), who);
        out.add(new CrewMember(id.get(), name.orElse(id.get()), c.string("role", ""), portrait,
            c.rest(Set.of("id", "name", "role", "portrait"))));
      }
    });
    return out;
  }

  Optional<Ship> ship() {
    Path f = file("ship.yaml");
    if (!ctx.files.isFile(f)) {
      return Optional.empty();
    }
    return ctx.yamlObject(f).flatMap(y -> y.object("ship")).map(s -> {
      Map<String, Ship.ShipSystem> systems = new LinkedHashMap<>();
      s.object("systems").ifPresent(sys -> sys.node.fieldNames().forEachRemaining(key ->
          sys.object(key).ifPresent(o -> systems.put(key, new Ship.ShipSystem(
              o.optionalString("status").orElse("ONLINE"), o.integer("condition").orElse(null), o.string("info", ""))))));
      return new Ship(s.string("name", ""), systems, s.rest(Set.of()));
    });
  }

  /** Session logs, highest session number first; files without a number sort last, by name. */
  List<Session> sessions() {
    List<Session> out = new ArrayList<>();
    for (Path f : ctx.files(ctx.root.resolve("campaign").resolve("sessions"), "md")) {
      ctx.markdown(f).ifPresent(md -> {
        YamlObject fm = md.frontMatter();
        String date = fm.string("date", "").strip();
        int space = date.indexOf(' ');
        out.add(new Session(fm.integer("session_number").orElse(0), space > 0 ? date.substring(0, space) : date,
            fm.string("title", ""), fm.string("location", ""), fm.strings("npcs"), md.body(),
            f.getFileName().toString()));
      });
    }
    out.sort(Comparator.comparingInt(Session::number).reversed());
    return out;
  }

  /** {@code charon/context.yaml} at the campaign root; the built-in defaults without one. */
  CharonContext charonContext() {
    Path f = ctx.root.resolve("charon").resolve("context.yaml");
    if (!ctx.files.isFile(f)) {
      return CharonContext.DEFAULT;
    }
    return ctx.yamlObject(f).map(y -> {
      CharonContext d = CharonContext.DEFAULT;
      int maxTokens = y.integer("max_response_length").orElse(d.maxResponseTokens());
      if (maxTokens < 1 || maxTokens > CharonContext.MAX_RESPONSE_TOKENS_LIMIT) {
        y.problem("'max_response_length' must be from 1 to " + CharonContext.MAX_RESPONSE_TOKENS_LIMIT + "; "
            + d.maxResponseTokens() + " is used");
        maxTokens = d.maxResponseTokens();
      }
      double temperature = y.number("temperature").orElse(d.temperature());
      if (temperature < 0 || temperature > 2) {
        y.problem("'temperature' must be from 0 to 2; " + d.temperature() + " is used");
        temperature = d.temperature();
      }
      Optional<YamlObject> personality = y.object("personality");
      return new CharonContext(y.string("name", d.name()), y.string("designation", ""),
          personality.map(p -> p.string("tone", "")).orElse(""), personality.map(p -> p.string("manner", "")).orElse(""),
          personality.map(p -> p.strings("quirks")).orElse(List.of()),
          y.string("system_prompt", d.systemPrompt()).strip(), maxTokens, temperature, y.strings("fallback_responses"));
    }).orElse(CharonContext.DEFAULT);
  }
}
