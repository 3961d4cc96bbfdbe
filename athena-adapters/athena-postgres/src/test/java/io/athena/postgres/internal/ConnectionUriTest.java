package io.athena.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionUriTest {

  @Test
  void libpqUriWithCredentialsAndParams() {
    ConnectionUri uri =
        ConnectionUri.parse("postgres://app:s3cret@db.example:6543/shop?sslmode=require");

    assertThat(uri.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/shop");
    assertThat(uri.user()).isEqualTo("app");
    assertThat(uri.password().reveal()).isEqualTo("s3cret");
    assertThat(uri.properties()).containsEntry("sslmode", "require");
  }

  @Test
  void credentialsArePercentDecodedAndPlusIsAPlus() {
    ConnectionUri uri = ConnectionUri.parse("postgresql://us%40er:p%3Aa%2Fss+w@h/db");

    assertThat(uri.user()).isEqualTo("us@er");
    assertThat(uri.password().reveal()).isEqualTo("p:a/ss+w");
  }

  @Test
  void passwordMayContainAtSigns() {
    assertThat(ConnectionUri.parse("postgres://u:p@ss@h/db").password().reveal()).isEqualTo("p@ss");
  }

  @Test
  void jdbcUrlWithCredentialsInTheQuery() {
    ConnectionUri uri =
        ConnectionUri.parse("jdbc:postgresql://localhost:5432/app?user=me&password=pw&ssl=true");

    assertThat(uri.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/app");
    assertThat(uri.user()).isEqualTo("me");
    assertThat(uri.password().reveal()).isEqualTo("pw");
    assertThat(uri.properties()).containsOnlyKeys("ssl");
  }

  @Test
  void multipleHostsAndMissingHostOrDatabase() {
    assertThat(ConnectionUri.parse("postgres://u@h1:5432,h2:5433/db").jdbcUrl())
        .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db");
    assertThat(ConnectionUri.parse("postgres:///db").jdbcUrl())
        .isEqualTo("jdbc:postgresql://localhost/db");
    assertThat(ConnectionUri.parse("postgres://h").jdbcUrl()).isEqualTo("jdbc:postgresql://h/");
    assertThat(ConnectionUri.parse("jdbc:postgresql:shop").jdbcUrl())
        .isEqualTo("jdbc:postgresql://localhost/shop");
  }

  @Test
  void libpqParameterNamesAreTranslated() {
    ConnectionUri uri = ConnectionUri.parse("postgres://h/db?application_name=x&connect_timeout=3");

    assertThat(uri.properties())
        .containsEntry("ApplicationName", "x")
        .containsEntry("connectTimeout", "3");
  }

  @Test
  void noPasswordMeansNone() {
    ConnectionUri uri = ConnectionUri.parse("postgres://postgres@localhost:5432/x");

    assertThat(uri.password()).isNull();
    assertThat(uri.user()).isEqualTo("postgres");
  }

  @Test
  void toStringMasksThePassword() {
    ConnectionUri uri = ConnectionUri.parse("postgres://u:hunter2@h/db");

    assertThat(uri.toString())
        .doesNotContain("hunter2")
        .contains("<masked>", "jdbc:postgresql://h/db");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mysql://u:hunter2@h/db", "h/db", "postgres://u:hunter2%zz@h/db"})
  void rejectsOtherSchemesWithoutEchoingTheUri(String bad) {
    assertThatThrownBy(() -> ConnectionUri.parse(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("uri was '<masked>' but")
        .hasMessageNotContaining("hunter2");
  }
}
