package io.athena.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athena.spi.ErrorCode;
import io.athena.spi.GatewayException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CastAllowListTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "text,text",
    "TEXT,text",
    "Integer,int4",
    "int,int4",
    "bigint,int8",
    "smallint,int2",
    "decimal,numeric",
    "real,float4",
    "double   precision,float8",
    "Boolean,bool",
    "uuid,uuid",
    "timestamp with time zone,timestamptz",
    "timestamptz,timestamptz",
    "jsonb,jsonb",
    "int4[],int4[]",
    "text [],text[]",
    "uuid[][],uuid[][]",
    "macaddr,macaddr"
  })
  void mapsAllowedSpellingsToTheSqlWeEmit(String cast, String sql) {
    assertThat(CastAllowList.resolve("value_cast", cast).sql()).isEqualTo(sql);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "regclass",
        "int); DROP TABLE t; --",
        "text[",
        "pg_catalog.text",
        "varchar(10)",
        ""
      })
  void refusesEverythingElse(String cast) {
    assertThatThrownBy(() -> CastAllowList.resolve("value_cast", cast))
        .isInstanceOf(GatewayException.class)
        .hasMessageContaining("not an allowed type")
        .extracting(e -> ((GatewayException) e).errorCode())
        .isEqualTo(ErrorCode.INVALID_VALUE);
  }

  @ParameterizedTest
  @CsvSource({"jsonb,JSONB", "text[],ARRAY", "varchar,TEXT", "int4,OTHER"})
  void classifiesTheCastType(String cast, ColumnType.Kind kind) {
    assertThat(CastAllowList.resolve("column_cast", cast).kind()).isEqualTo(kind);
  }
}
