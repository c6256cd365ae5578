package io.stockflow.gateway.web;

import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Reads the JSON answers of the internal services for the page templates. */
@Component
public class ServiceJson {

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
	};

	private final JsonMapper json;

	ServiceJson(JsonMapper json) {
		this.json = json;
	}

	/**
	 * @param answer a service's answer with a JSON object
	 * @return the object, never null
	 */
	public Map<String, Object> object(ResponseEntity<String> answer) {
		return (answer.getBody() != null) ? this.json.readValue(answer.getBody(), OBJECT) : Map.of();
	}

	/**
	 * @param answer a service's answer with a JSON array of objects
	 * @return the objects, never null
	 */
	public List<Map<String, Object>> list(ResponseEntity<String> answer) {
		return (answer.getBody() != null) ? this.json.readValue(answer.getBody(), LIST) : List.of();
	}

}
