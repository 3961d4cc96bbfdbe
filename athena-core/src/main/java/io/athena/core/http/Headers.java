package io.athena.core.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/** HTTP headers: names compare case-insensitively, a name may carry several values. */
public final class Headers {
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  private record Entry(String name, List<String> values) {}

  public static Headers of(Map<String, ? extends List<String>> values) {
    Headers headers = new Headers();
    values.forEach((name, list) -> list.forEach(v -> headers.add(name, v)));
    return headers;
  }

  /** Appends a value. */
  public Headers add(String name, String value) {
    entries.computeIfAbsent(key(name), k -> new Entry(name, new ArrayList<>())).values().add(value);
    return this;
  }

  /** Replaces every value of {@code name}. */
  public Headers set(String name, String value) {
    List<String> values = new ArrayList<>();
    values.add(value);
    entries.put(key(name), new Entry(name, values));
    return this;
  }

  /** The first value, if any. */
  public Optional<String> first(String name) {
    Entry e = entries.get(key(name));
    return e == null || e.values().isEmpty() ? Optional.empty() : Optional.of(e.values().get(0));
  }

  /** The first value that is not blank, trimmed. */
  public Optional<String> firstNonBlank(String name) {
    return first(name).map(String::trim).filter(v -> !v.isEmpty());
  }

  public List<String> all(String name) {
    Entry e = entries.get(key(name));
    return e == null ? List.of() : Collections.unmodifiableList(e.values());
  }

  public boolean contains(String name) {
    return entries.containsKey(key(name));
  }

  /** Visits every (name, value) pair in insertion order, with the name as first added. */
  public void forEach(BiConsumer<String, String> visitor) {
    entries.values().forEach(e -> e.values().forEach(v -> visitor.accept(e.name(), v)));
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
