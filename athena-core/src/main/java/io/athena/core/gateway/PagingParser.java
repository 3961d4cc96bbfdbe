package io.athena.core.gateway;

import java.util.Optional;

/**
 * Reads the paging of a fetch: {@code limit} and {@code offset}, or {@code current_page} (from 1)
 * with {@code page_size}, which win when both are sent: offset = (page − 1) × size, limit = size.
 */
final class PagingParser {
  private PagingParser() {}

  /**
   * @param limit maximum rows, or {@code null}
   * @param offset rows to skip, or {@code null}
   */
  record Paging(Long limit, Long offset) {}

  static Paging parse(Fields body) {
    Long limit = body.integer("limit", 0).orElse(null);
    Long offset = body.integer("offset", 0).orElse(null);
    Optional<Long> page = body.integer("current_page", 1);
    Optional<Long> size = body.integer("page_size", 0);
    if (page.isPresent() && size.isEmpty()) {
      throw Fields.invalid("current_page needs page_size");
    }
    if (size.isEmpty()) {
      return new Paging(limit, offset);
    }
    try {
      return new Paging(size.get(), Math.multiplyExact(page.orElse(1L) - 1, size.get()));
    } catch (ArithmeticException e) {
      throw Fields.invalid("current_page × page_size is too large");
    }
  }
}
